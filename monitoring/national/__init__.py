"""The national overview: every region side by side, for the Rijk and beheerders."""
