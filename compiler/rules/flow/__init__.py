"""Rules: flow."""
