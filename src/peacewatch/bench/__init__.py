"""`peacewatch bench`: throughput and memory of the analysis beside bare spaCy, on a generated corpus."""
