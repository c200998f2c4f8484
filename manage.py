#!/usr/bin/env python
from complaintsdesk.cli import main

if __name__ == "__main__":
    main()
