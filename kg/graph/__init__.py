"""Build the RDF graph from resolved facts, using the ontology's generated namespaces."""
