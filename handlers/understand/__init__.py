"""understand package."""
