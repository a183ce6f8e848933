package schema

// Commune fields are named in CommuneFields (demo.go).

// FieldGeoOverride is the content field a moderator sets to accept a location outside the
// territory; it holds for the write that sets it and is cleared when the point moves again.
const FieldGeoOverride = "geoOverride"

// Blurred lists the collections whose geo others see only blurred (geo.Blur): people's
// profiles and offers. Initiatives and events are public places and stay exact.
var Blurred = []string{Users, Offers}

// IsBlurred reports whether collection's locations are blurred for others.
func IsBlurred(collection string) bool {
	for _, c := range Blurred {
		if c == collection {
			return true
		}
	}
	return false
}

// BlurSecretParam is the id of the _params row holding the server secret of the blur jitter.
const BlurSecretParam = "maillage_blur_secret"

// GeoIndexTable is the name of collection's R*Tree spatial index, kept by triggers.
func GeoIndexTable(collection string) string { return "_geo_" + collection }
