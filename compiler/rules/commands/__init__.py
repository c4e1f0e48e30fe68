"""Rules: commands."""
