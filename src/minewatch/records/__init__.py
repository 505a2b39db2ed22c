"""Records: reconciled facts supported by approved claims, and the stories documents belong to."""
