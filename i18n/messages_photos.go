package i18n

// The photo pipeline's refusals (hooks/photos.go): the error code stays invalid_photo, its
// reason param picks the message.
func init() {
	add(map[string]Text{
		"invalid_photo": {
			FR: "« {file} » n'est pas une photo utilisable : envoyez une image JPEG, PNG ou WebP d'au plus {maxMB} Mo et {maxMegapixels} mégapixels.",
			EN: "\"{file}\" is not a usable photo: send a JPEG, PNG or WebP image of at most {maxMB} MB and {maxMegapixels} megapixels.",
		},
		"invalid_photo.too_large": {
			FR: "« {file} » : le fichier dépasse {maxMB} Mo ; envoyez une photo plus petite (l'application la réduit pour vous).",
			EN: "\"{file}\": the file is over {maxMB} MB; send a smaller photo (the app resizes it for you).",
		},
		"invalid_photo.too_many_pixels": {
			FR: "« {file} » : l'image dépasse la limite de {maxMegapixels} mégapixels ; réduisez la photo et renvoyez-la.",
			EN: "\"{file}\": the image is over the {maxMegapixels} megapixel limit; resize the photo and send it again.",
		},
		"invalid_photo.unsupported_format": {
			FR: "« {file} » n'est pas une photo ; envoyez une image JPEG, PNG ou WebP (la limite est de {maxMB} Mo et {maxMegapixels} mégapixels).",
			EN: "\"{file}\" is not a photo; send a JPEG, PNG or WebP image (the limit is {maxMB} MB and {maxMegapixels} megapixels).",
		},
		"invalid_photo.corrupt": {
			FR: "« {file} » est endommagée ou incomplète ; exportez ou copiez la photo à nouveau et renvoyez-la (au plus {maxMB} Mo et {maxMegapixels} mégapixels).",
			EN: "\"{file}\" is damaged or incomplete; export or copy the photo again and resend it (at most {maxMB} MB and {maxMegapixels} megapixels).",
		},
	})
}
