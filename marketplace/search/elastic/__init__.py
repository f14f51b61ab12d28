"""The Elasticsearch backend: the only code that imports the Elasticsearch client."""
