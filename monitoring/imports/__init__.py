"""Upload measurements (CSV or xlsx), preview every row, import all or nothing."""
