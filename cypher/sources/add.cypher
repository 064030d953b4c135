// Creates a live source (fails on the name's constraint when it exists); returns its name.
// params: name, kind, url, user, folders, password_env, insecure, ca_file, auth
CREATE (s:Source {name: $name, kind: $kind, url: $url, user: $user, folders: $folders,
                  password_env: $password_env, insecure: $insecure, ca_file: $ca_file, auth: $auth,
                  created_at: datetime(), items_seen: 0, dirty: false})
RETURN s.name AS name
