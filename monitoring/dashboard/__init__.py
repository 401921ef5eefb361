"""A programme's dashboard: its data, small-number suppression, SVG charts and views."""
