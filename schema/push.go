package schema

// Web Push (package push): the browsers' push subscriptions, what each person chose to
// receive, and the server's VAPID keys.
const (
	// PushSubscriptions holds one push subscription per browser, owned by its user.
	PushSubscriptions = "pushSubscriptions"
	// NotificationPreferences holds what each person chose to receive (one record per user).
	NotificationPreferences = "notificationPreferences"
	// PushVAPIDParam is the id of the _params row holding the server's VAPID key pair.
	PushVAPIDParam = "maillage_push_vapid"
)

// pushSubscriptions fields: the body of the browser's PushSubscription.toJSON() plus its user.
const (
	FieldPushUser           = "user"
	FieldPushEndpoint       = "endpoint"
	FieldPushKeys           = "keys"
	FieldPushExpirationTime = "expirationTime"
)

// notificationPreferences fields. The kinds a person may receive are booleans; "near me" is
// a point they picked (never their home without consent), a radius in km, categories, and
// the consent that allows storing the point at all.
const (
	FieldPrefUser           = "user"
	FieldPrefMessages       = "messages"
	FieldPrefReplies        = "replies"
	FieldPrefDecisions      = "decisions"
	FieldPrefNear           = "near"
	FieldPrefNearPoint      = "nearPoint"
	FieldPrefNearRadius     = "nearRadius"
	FieldPrefNearCategories = "nearCategories"
	FieldPrefNearConsent    = "nearConsent"
)

// NearKinds are the values of notificationPreferences.near: the published content a person
// may hear about when it is near their chosen point.
var NearKinds = []string{Events, Offers}

// Bounds of notificationPreferences.nearRadius, in kilometres.
const (
	NearRadiusMinKm = 0.2
	NearRadiusMaxKm = 50
)
