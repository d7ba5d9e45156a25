module github.com/ranoviced/ranoviced

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/jezek/xgb v1.3.1
	github.com/kardianos/service v1.3.0
	github.com/kbinani/screenshot v0.0.0-20250624051815-089614a94018
	go.uber.org/zap v1.28.0
)
