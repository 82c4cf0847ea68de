#!/usr/bin/env bash
# Projection benchmark: consumer lag under a shop's traffic at 5,000 events/s, and the full UCI Online Retail
# import (lines/s, heap, consumer catch-up), on H2 and/or PostgreSQL. See bench/README.md.
# Usage: bench/projection.sh [h2|postgres|all]   (default: all)
RAPPORT_BENCH_SUITE=projection exec "$(dirname "$0")/ingest.sh" "$@"
