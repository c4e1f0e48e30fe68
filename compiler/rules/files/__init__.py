"""Rules: files."""
