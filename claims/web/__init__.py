"""Server-rendered pages: thin views over services (writes) and selectors (reads), no rules of their own."""
