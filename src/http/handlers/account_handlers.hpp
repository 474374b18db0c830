// Sign-in and account routes:
//   POST /api/auth/login      (public)        {"username","password"} -> session cookie + CSRF token
//   GET  /api/auth/me         (signed in)     the current user and CSRF token
//   POST /api/auth/logout     (signed in)     ends the session server side, clears the cookie
//   POST /api/auth/password   (signed in)     {"current_password","new_password"}
//   GET  /api/users, POST /api/users, GET|PATCH /api/users/{id}, POST /api/users/{id}/reset-password
//                             (users.manage: admins)
#pragma once

#include <boost/json/object.hpp>

#include "http/handlers/api_routes.hpp"

namespace scij::http {

void RegisterAccountRoutes(Router& router, const ApiDeps& deps);

// The public view of a user (never the password hash).
boost::json::object UserToJson(const store::User& user);

}  // namespace scij::http
