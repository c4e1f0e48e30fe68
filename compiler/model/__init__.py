"""The script model: what a parsed script means (commands, variables, labels, flow)."""
