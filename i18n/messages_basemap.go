package i18n

// Messages of the base map (package basemap): why the size of an area to keep offline was
// not answered.
func init() {
	add(map[string]Text{
		"basemap_bbox_invalid": {
			FR: "La zone doit être donnée en degrés : ouest,sud,est,nord (par exemple 2.28,48.89,2.43,48.98), l'ouest avant l'est et le sud avant le nord.",
			EN: "The area must be given in degrees: west,south,east,north (e.g. 2.28,48.89,2.43,48.98), west before east and south before north.",
		},
		"basemap_zoom_invalid": {
			FR: "Les niveaux de zoom doivent être des nombres entiers de 0 à 22, minzoom au plus égal à maxzoom.",
			EN: "Zoom levels must be whole numbers from 0 to 22, minzoom no greater than maxzoom.",
		},
		"basemap_area_too_large": {
			FR: "Cette zone compte trop de tuiles (plus de {max}) : choisissez une zone plus petite ou un zoom plus faible.",
			EN: "This area holds too many tiles (more than {max}): choose a smaller area or a lower zoom.",
		},
	})
}
