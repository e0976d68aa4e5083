"""Training of the verifiability model (``factdesk train verifiable``): :mod:`.train` fits it on the
claims evaluation articles' labelled sentences and writes its card."""

__all__: list[str] = []
