"""Excel and CSV reading and writing. Input and output: plain data."""
