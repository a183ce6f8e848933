// Package pbpublic embeds the PWA served at / so that the binary is the whole product.
package pbpublic

import (
	"embed"
	"io/fs"
)

// files holds the PWA's files as written; FS serves them with the service worker stamped.
//
//go:embed index.html app.js sw.js manifest.webmanifest css icons js vendor
var files embed.FS

// FS holds the PWA's files. main.go serves them, or the folder on disk in --dev mode.
var FS = mustStamp()

// mustStamp stamps the embedded worker; it cannot fail once the package's test passes.
func mustStamp() fs.FS {
	fsys, err := Stamp(files)
	if err != nil {
		panic(err)
	}
	return fsys
}
