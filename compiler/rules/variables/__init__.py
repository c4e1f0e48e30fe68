"""Rules: variables."""
