"""The half-yearly progress report: snapshot, PDF, the freeze rule and its triggers."""
