// Package pbpublic embeds the PWA served at / so that the binary is the whole product.
package pbpublic

import "embed"

// FS holds the PWA's files. main.go serves them, or the folder on disk in --dev mode.
//
//go:embed index.html app.js css js vendor
var FS embed.FS
