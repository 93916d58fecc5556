"""Open data: the catalogue as Open Referral HSDS 3.0 (Human Services Data Specification), the
format service directories exchange (issue 16). `/api/hsds/` answers the HSDS API; the static
export carries the same answers and `hsds/services.json`, every service in full.

`ids` makes the stable identifiers, `types` holds the output shapes, `mapping` turns the
catalogue into them once per publish, `query` filters and pages, `routes` answers."""
