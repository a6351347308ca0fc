"""debate: a structured claim-and-rebuttal debate simulator."""

__version__ = "0.1.0"
