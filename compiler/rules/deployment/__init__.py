"""Rules: deployment."""
