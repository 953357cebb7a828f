// Package schema embeds ladderlint's JSON Schemas (draft-07).
package schema

import _ "embed"

// Ladder is the base schema of a ladder document (`ladderlint extract`).
//
//go:embed ladder.schema.json
var Ladder []byte

// Config is the schema of .ladderlint.yml; config.Parse validates every
// file against it, and editors use it for completion.
//
//go:embed config.schema.json
var Config []byte

// Diff is the schema of `ladderlint diff -format json`.
//
//go:embed diff.schema.json
var Diff []byte
