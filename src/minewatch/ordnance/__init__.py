"""Ordnance catalogue: known explosive ordnance models, their categories and aliases."""
