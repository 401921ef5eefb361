"""A region's (or the installation's) own theme: the portal-level design tokens (`--ghnt-*`),
logo and font, checked for contrast before they are saved and served as a small CSS file."""
