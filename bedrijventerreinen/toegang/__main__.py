"""``python -m bedrijventerreinen.toegang``: see :mod:`bedrijventerreinen.toegang.opdracht`."""

from .opdracht import main

if __name__ == "__main__":
    raise SystemExit(main())
