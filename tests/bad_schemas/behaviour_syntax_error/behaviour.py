class Helpers:
    def broken(self):
        return (
