// Package schema embeds ladderlint's JSON Schemas (draft-07).
package schema

import _ "embed"

// Ladder is the base schema of a ladder document (`ladderlint extract`).
//
//go:embed ladder.schema.json
var Ladder []byte
