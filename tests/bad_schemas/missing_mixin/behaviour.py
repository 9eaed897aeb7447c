class OtherHelpers:
    pass
