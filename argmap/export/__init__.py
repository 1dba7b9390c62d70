"""Exports: the JSON documents and interchange formats argmap writes."""
