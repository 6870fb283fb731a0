"""Pure HTML builders (no database): the reader's highlights, its side panel and the dashboard's charts."""
