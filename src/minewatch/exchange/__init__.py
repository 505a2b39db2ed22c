"""Exchange: exports to GeoJSON, GeoPackage, CSV and HXL, each with a citations file."""
