package sec

// redacted is what String, GoString and Format print instead of a secret:
// whether the field is empty, never its length or contents.
func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "<redacted>"
}
