#!/usr/bin/env bash
# Writes a schema.yaml of N tables x 10 columns, each with two indexes and a
# foreign key to the previous table. With --changed, the same model with
# seven known differences (see EXPECTED_OPS in run.sh).
#   make_model.sh N [--changed] > schema.yaml
set -euo pipefail
n=${1:?usage: make_model.sh N [--changed]}
changed=${2:-}
awk -v n="$n" -v changed="$changed" '
function name(i) { return sprintf("t%04d", i) }
BEGIN {
  print "tables:"
  last = (changed == "--changed") ? n + 1 : n
  for (i = 1; i <= last; i++) {
    if (changed == "--changed" && i == 7) continue                # drop_table t0007
    t = name(i)
    print "  " t ":"
    print "    columns:"
    print "      - {name: id, type: integer, primary_key: true, autoincrement: true}"
    type = (changed == "--changed" && i == 30) ? "varchar(120)" : "varchar(100)"  # alter type
    print "      - {name: name, type: " type ", nullable: false}"
    print "      - {name: email, type: string(255)}"
    print "      - {name: qty, type: integer, nullable: false, default: \"0\"}"
    print "      - {name: price, type: \"numeric(10,2)\"}"
    print "      - {name: active, type: boolean, nullable: false, default: \"true\"}"
    print "      - {name: created_at, type: timestamp, default: CURRENT_TIMESTAMP}"
    print "      - {name: note, type: text, default: \"'"'"'x'"'"'\"}"
    if (!(changed == "--changed" && i == 20))                      # drop_column t0020.body
      print "      - {name: body, type: text}"
    if (i > 1 && i - 1 != 7)
      print "      - {name: parent_id, type: integer, references: " name(i - 1) ".id, on_delete: cascade}"
    else
      print "      - {name: parent_id, type: integer}"
    if (changed == "--changed" && i == 10)                         # add_column t0010.extra
      print "      - {name: extra, type: date}"
    print "    indexes:"
    print "      - {name: ix_" t "_name, columns: [name]}"
    if (!(changed == "--changed" && i == 40))                      # drop_index
      print "      - {name: ix_" t "_email, columns: [email, qty], unique: true}"
    if (changed == "--changed" && i == 50)                         # create_index
      print "      - {name: ix_" t "_price, columns: [price]}"
  }
}'
