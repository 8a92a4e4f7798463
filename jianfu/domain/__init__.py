"""Plain-Python domain: data types, rules and calculations. No Qt, no SQL, no PDF."""
