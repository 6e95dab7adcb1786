# class: 7
# exercise: sgd
# expect: error
"""An exception whose __str__ raises, and a str subclass that lies about its length."""
class Lying(str):
    def __len__(self):
        return 1


class Nasty(Exception):
    def __str__(self):
        raise RuntimeError("no")


raise Nasty(Lying("z" * 10_000))
