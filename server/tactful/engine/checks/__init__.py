"""One module per concern: flagged phrases, missing parts, length, the customer's mood."""
