package geoapi

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
)

// SetFeatureWriterMode sets how features are written (-1: always through records, 0: as the
// server does, 1: always from the columns, even for a blurred collection) and returns a
// function restoring the server's mode.
func SetFeatureWriterMode(mode int) (restore func()) {
	featureWriterMode = mode
	return func() { featureWriterMode = 0 }
}

// WritesColumns reports whether the server writes c's features from its columns.
func WritesColumns(c *core.Collection) bool { return newFeatureWriter(c, Query{}) != nil }

// CoversMost reports whether box is answered by reading rows in rowid order (coversMost).
func CoversMost(app core.App, table string, box geo.Bounds) bool {
	return coversMost(app.DB(), table, box)
}
