"""Gazetteer: places, alternative names and the admin hierarchy."""
