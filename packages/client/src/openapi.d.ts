/**
 * GENERATED from the API's OpenAPI document by `npm run client:types`: do not edit.
 * packages/client/test/openapi-types.test.ts fails when this file no longer matches the API.
 */

export interface paths {
    "/callbacks/{gateway}/{token}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Inbound messages (replies) from a gateway
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    gateway: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Inbound messages (replies) from a gateway
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    gateway: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/callbacks/{gateway}/{token}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery reports from a gateway
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    gateway: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Delivery reports from a gateway
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    gateway: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sms/reply_postback/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legacy postback path (gateway named in the query or basic auth)
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Legacy postback path (gateway named in the query or basic auth)
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sms/status_postback/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legacy postback path (gateway named in the query or basic auth)
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Legacy postback path (gateway named in the query or basic auth)
         * @description Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the gateway’s config says to answer (its status, content type and body) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account, with its webhook URL and signing secret */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set the default webhook URL (null removes it), rotate the webhook secret, or set the smart-encoding default */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rotateWebhookSecret?: boolean;
                        /** @description Smart encoding for this account's messages that do not say; null: the API's default (SMSGW_SMART_ENCODING) */
                        smartEncoding?: boolean | null;
                        /** @description The default webhook URL; null removes it */
                        webhookUrl?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accounts, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AdminAccount"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Make an account (then give it a key: POST /v1/admin/accounts/:id/keys) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uri */
                        webhookUrl?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAccount"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAccount"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/accounts/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable an account: its keys are refused (401) at once, its data is kept */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAccount"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/accounts/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled account: its keys work again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAccount"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/accounts/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account’s keys (prefix only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Make a key for an account (scope "admin" makes an admin key); shown once, in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description The key stops working at this time (never, when absent)
                         */
                        expiresAt?: string;
                        name: string;
                        /** @description Requests per minute; null: the server default; 0: no limit */
                        rateLimitPerMinute?: number | null;
                        /** @description At least one; only scopes the calling key holds itself */
                        scopes: components["schemas"]["ScopeInput"][];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyWithSecret"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log of admin actions, newest first (filter by action or account) */
        get: {
            parameters: {
                query?: {
                    accountId?: string;
                    /** @description Only this action, e.g. `key.revoked` */
                    action?: string;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke any account’s key (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List batches, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["BatchSummary"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A batch's progress: counts by status, percent complete, times and charges so far */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Batch"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the messages of a batch that have not been sent yet */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            batch: components["schemas"]["Batch"];
                            /** @description Messages this request cancelled (those not yet handed to a worker) */
                            cancelled: number;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A batch's messages, newest first
         * @description `cursor` is the `nextCursor` of the previous page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                    status?: "queued" | "scheduled" | "sending" | "unknown" | "sent" | "delivered" | "failed" | "expired" | "cancelled";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Message"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billees/{type}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a billee's defaults */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The billee's type, as messages name it (`billee.type`) */
                    type: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BilleeDefaults"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Set a billee's defaults: gateway, time zone, quiet hours */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The billee's type, as messages name it (`billee.type`) */
                    type: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "gateway": "clickatell",
                     *       "timeZone": "Europe/Berlin",
                     *       "quietHours": {
                     *         "start": "21:00",
                     *         "end": "08:00"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Used when a message names no gateway (the routing rules' place) */
                        gateway?: string | null;
                        /** @description No sends in this window: a message waits as `scheduled` until its end */
                        quietHours?: {
                            /** @description Local time they end (earlier than start: the next day) */
                            end: string;
                            /** @description Local time the quiet hours begin */
                            start: string;
                        } | null;
                        /** @description IANA time zone: `sendAt: {local}` and quiet hours are read in it */
                        timeZone?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BilleeDefaults"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a billee's defaults */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The billee's type, as messages name it (`billee.type`) */
                    type: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billees/{type}/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A prepaid billee's balance
         * @description 404 when the billee has no credit (it is not prepaid).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The billee's type, as messages name it (`billee.type`) */
                    type: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credit"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billees/{type}/{id}/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a billee's credit limit (prepaid)
         * @description The change is written to the ledger as a `limit` entry (the difference).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The billee's type, as messages name it (`billee.type`) */
                    type: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Fixed once the credit is opened */
                        currency: string;
                        /** @description What the billee may spend in all: its messages reserve against it at accept */
                        limit: string | number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credit"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billees/{type}/{id}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A prepaid billee's ledger: limit changes, reservations, settlements and releases
         * @description `cursor` is the `nextCursor` of the previous page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description The billee's type, as messages name it (`billee.type`) */
                    type: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Its effect on the balance: the entries add up to it */
                                amount: string;
                                /** Format: date-time */
                                at: string;
                                id: number;
                                /** @enum {string} */
                                kind: "limit" | "reserve" | "settle" | "release";
                                messageId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bill the unbilled messages up to a time (exactly once) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1-200 printable ASCII characters. A retry with the same key and body answers 200 with the first message instead of sending again */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "billee": "customer:42",
                     *       "until": "2025-02-01T00:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** @description `type:id`; every billee of the account when absent */
                        billee?: string;
                        /**
                         * Format: date-time
                         * @description Bill the messages accepted up to then
                         */
                        until: string;
                    };
                };
            };
            responses: {
                /** @description A repeat of an Idempotency-Key: the first run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillingRun"];
                    };
                };
                /** @description The run, with what it billed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillingRun"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A billing run and its totals */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillingRun"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/runs/{id}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A billing run's messages as CSV */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description RFC 4180 CSV with a header line */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/unbilled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What is not billed yet: totals per billee (messages, segments, cost, currency) and the messages
         * @description Billable messages are those the gateway took (sent, delivered) or charged for, accepted up to `until`. The cost is the provider's charge when its report gave one, else segments × the rate at accept. The list is oldest first; `cursor` pages it.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `type:id` */
                    billee?: string;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description Messages accepted up to then; now by default */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Message"][];
                            nextCursor: string | null;
                            /** @description Per billee and currency */
                            totals: {
                                billee: {
                                    id: string;
                                    type: string;
                                } | null;
                                /** @description The charges reported, else segments × rate; decimal text */
                                cost: string | null;
                                currency: string | null;
                                messages: number;
                                segments: number;
                                /** @description Messages with neither a charge nor a rate (not in `cost`) */
                                unpriced: number;
                            }[];
                            /** Format: date-time */
                            until: string;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateway-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gateways' health: send queue depth, recent send outcomes, last known balance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayHealth"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List gateways */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Gateway"][];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a gateway from a preset or a full config
         * @description The answer holds its callback URLs: give them to the provider. Credentials are write-only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A full config, or overrides merged over the preset */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @description Write-only; stored encrypted. On a change, null removes one */
                        credentials?: {
                            [key: string]: string | null;
                        };
                        enabled?: boolean;
                        isDefault?: boolean;
                        name: string;
                        preset?: string;
                        priority?: number;
                        rateLimit?: {
                            intervalMs: number;
                            max: number;
                            /** @default false */
                            perSegment?: boolean;
                        } | null;
                        /** @description baseUrl, sender id…; on a change, null removes one */
                        settings?: {
                            [key: string]: (string | number | boolean) | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Gateway"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateways/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A gateway, with its callback URLs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Gateway"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a gateway (409 gateway_in_use while messages are pending on it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a gateway (null removes a credential or setting) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A full config, or overrides merged over the preset */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @description Write-only; stored encrypted. On a change, null removes one */
                        credentials?: {
                            [key: string]: string | null;
                        };
                        enabled?: boolean;
                        isDefault?: boolean;
                        priority?: number;
                        rateLimit?: {
                            intervalMs: number;
                            max: number;
                            /** @default false */
                            perSegment?: boolean;
                        } | null;
                        /** @description baseUrl, sender id…; on a change, null removes one */
                        settings?: {
                            [key: string]: (string | number | boolean) | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Gateway"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/gateways/{name}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ask the provider for the account's balance now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balance: string;
                            /** Format: date-time */
                            checkedAt: string;
                            currency: string | null;
                            gateway: string;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: balance_query_failed, number_check_failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateways/{name}/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check a number at the provider (lookup / route coverage) without sending
         * @description Runs the gateway's `numberCheck` config now. Most providers charge for it. 422 `number_check_not_supported` when the gateway has none; 502 `number_check_failed` when the provider gives no verdict (the message quotes its answer).
         */
        get: {
            parameters: {
                query: {
                    /** @description The number to check: E.164, or national with SMSGW_DEFAULT_COUNTRY */
                    to: string;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "gateway": "clickatell",
                         *       "number": "+27999123456",
                         *       "status": "valid",
                         *       "providerStatus": "OK",
                         *       "charge": "1",
                         *       "currency": null,
                         *       "checkedAt": "2025-01-15T09:00:00.000Z"
                         *     }
                         */
                        "application/json": {
                            /** @description What the provider says one message to the number costs, when it says */
                            charge: string | null;
                            /** Format: date-time */
                            checkedAt: string;
                            currency: string | null;
                            gateway: string;
                            /** @description The number checked, in E.164 */
                            number: string;
                            /** @description The provider's own word or code */
                            providerStatus: string;
                            /**
                             * @description The provider's verdict through the gateway's statusMap; `unknown` when its word is not mapped
                             * @enum {string}
                             */
                            status: "valid" | "invalid" | "unknown";
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: balance_query_failed, number_check_failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateways/import/django": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import gateways from django-sms-gateway
         * @description Converts each `sms.gateway` entry of a `dumpdata` (base_url and settings → the send request, keyword fields → parameter names, success/error formats → response rules, status_* → the status callback, reply_* → the reply callback, balance and number-check fields → balance and lookup) and creates it as `POST /v1/gateways` would. Each entry succeeds or fails on its own; `report` lists every field with what became of it. `dryRun` creates nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "rows": [
                     *         {
                     *           "model": "sms.gateway",
                     *           "pk": 1,
                     *           "fields": {
                     *             "name": "Clickatell",
                     *             "base_url": "https://api.clickatell.com/http/sendmsg",
                     *             "settings": {
                     *               "api_id": "…",
                     *               "user": "…",
                     *               "password": "…"
                     *             },
                     *             "recipient_keyword": "to",
                     *             "content_keyword": "text",
                     *             "success_format": "ID: (?P<gateway_message_id>.+)"
                     *           }
                     *         }
                     *       ],
                     *       "dryRun": true,
                     *       "overrides": {
                     *         "Clickatell": {
                     *           "name": "clickatell-legacy"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description Convert and check, create nothing
                         * @default false
                         */
                        dryRun?: boolean;
                        /** @description Per original gateway, by its name: what to change on the way in (real credentials instead of the dump's, another base URL…) */
                        overrides?: {
                            [key: string]: {
                                /** @description Merged over the ones found in the original settings */
                                credentials?: {
                                    [key: string]: string;
                                };
                                enabled?: boolean;
                                name?: string;
                                /** @description Merged over the converted settings (baseUrl, …) */
                                settings?: {
                                    [key: string]: string | number | boolean;
                                };
                            };
                        };
                        /** @description What `manage.py dumpdata sms.gateway` wrote: `[{"model": "sms.gateway", "pk": 1, "fields": {…}}]`. Entries of other models are skipped */
                        rows: unknown[];
                        /** @description The Django site's TIME_ZONE: naive dates in postbacks were in it (default UTC) */
                        timezone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            /** @description One per sms.gateway entry, in order */
                            data: {
                                /** @description The converted config */
                                config: {
                                    [key: string]: unknown;
                                } | null;
                                created: boolean;
                                /** @description The names of the credentials found (their values are never shown) */
                                credentials: string[];
                                error: {
                                    code: components["schemas"]["ErrorCode"];
                                    message: string;
                                } | null;
                                /** @description The gateway as created (null for a dry run or an error) */
                                gateway: components["schemas"]["Gateway"] | null;
                                /** @description Position in `rows` */
                                index: number;
                                /** @description The smsgw gateway name */
                                name: string | null;
                                report: {
                                    /** @description The original's field, or settings.<key> */
                                    field: string;
                                    note: string;
                                    /**
                                     * @description carried as it was; carried with a difference (the note says which); not carried
                                     * @enum {string}
                                     */
                                    outcome: "carried" | "changed" | "not_carried";
                                    /** @description Where it went in the smsgw gateway */
                                    to: string[];
                                }[];
                                settings: {
                                    [key: string]: string | number | boolean;
                                } | null;
                                source: {
                                    name: string | null;
                                    pk: string | number | null;
                                };
                                /** @description A shipped preset for the same provider API: it knows every status code and Unicode; consider it once migrated */
                                suggestedPreset: string | null;
                            }[];
                            dryRun: boolean;
                            /** @description Entries of other models */
                            skipped: {
                                index: number;
                                model: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List this account’s keys (prefix only; revoked and expired ones say so) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Make an API key for this account (the key is shown once, in this answer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description The key stops working at this time (never, when absent)
                         */
                        expiresAt?: string;
                        name: string;
                        /** @description Requests per minute; null: the server default; 0: no limit */
                        rateLimitPerMinute?: number | null;
                        /** @description At least one; only scopes the calling key holds itself */
                        scopes: components["schemas"]["ScopeInput"][];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyWithSecret"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a key: a new secret with the same name, scopes and limit; the old key revoked, or expiring at expiresOldAt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the new key expires (never, when absent)
                         */
                        expiresAt?: string;
                        /**
                         * Format: date-time
                         * @description Keep the old key working until then (an overlap for clients to switch); revoked now when absent
                         */
                        expiresOldAt?: string;
                    } | null;
                };
            };
            responses: {
                /** @description The new key */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyWithSecret"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List messages, newest first
         * @description `billee` is `type:id`; `billed` and `gateway` filter as the original's admin did. `cursor` is the `nextCursor` of the previous page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only messages a billing run has (or has not) billed */
                    billed?: "true" | "false";
                    /** @description `type:id` */
                    billee?: string;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Only messages on this gateway (the last one tried) */
                    gateway?: string;
                    limit?: number;
                    status?: "queued" | "scheduled" | "sending" | "unknown" | "sent" | "delivered" | "failed" | "expired" | "cancelled";
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Message"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Send a message
         * @description Validates, stores and queues one SMS. Answers 202 with the message; `Idempotency-Key` makes retries safe (a repeat answers 200 with the first message). The header `smsgw-enqueue: deferred` says the message is stored but its send job is queued later.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1-200 printable ASCII characters. A retry with the same key and body answers 200 with the first message instead of sending again */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        billee?: {
                            id: string | number;
                            type: string;
                        };
                        /** @description The text; or give `template` */
                        content?: string;
                        /** @description A phone number or an alphanumeric sender id of up to 11 characters */
                        from?: string;
                        /** @description Send through this gateway; by default the routing rules choose */
                        gateway?: string;
                        /** @description Yours, returned as given (smsgw adds its notes under `smsgw`, a key you may not use); at most 4096 bytes of JSON */
                        metadata?: {
                            [key: string]: unknown;
                        };
                        replyCallback?: string;
                        /** @description When to send: an instant, or `{local}`, a wall-clock time in the billee's time zone (or `timeZone`). A billee's quiet hours move it later */
                        sendAt?: string | {
                            /** @description `HH:MM` (the next time the clock shows it) or `YYYY-MM-DDTHH:MM[:SS]` */
                            local: string;
                            /** @description An IANA time zone; default: the billee's */
                            timeZone?: string;
                        };
                        /** @description Replace characters that force UCS-2 but have GSM-7 look-alikes (curly quotes, dashes, no-break spaces, …) when that makes the whole text GSM-7 without more segments. The replacements are recorded in `metadata.smsgw.smartEncoding`. Default: SMSGW_SMART_ENCODING */
                        smartEncoding?: boolean;
                        /** @description Every variable the template uses must be in `vars` (else 422 `template_error` naming it) */
                        template?: {
                            /** @description An inline template; or give `name` */
                            body?: string;
                            /** @description A stored template (`/v1/templates`): `otp` uses its latest version, `otp@2` version 2 */
                            name?: string;
                            /** @default {} */
                            vars?: {
                                [key: string]: unknown;
                            };
                            /** @description The stored version to use (instead of `name@version`) */
                            version?: number;
                        };
                        /** @description The recipient: E.164, or national with SMSGW_DEFAULT_COUNTRY */
                        to: string;
                        /** Format: date-time */
                        validUntil?: string;
                        /** Format: uri */
                        webhookUrl?: string;
                    };
                };
            };
            responses: {
                /** @description A repeat of an Idempotency-Key: the first message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Accepted: stored and queued (or scheduled) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: insufficient_credit */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message with its history (events) and replies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageDetail"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a message that has not been sent yet */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an unknown or failed message again (admin; may deliver a duplicate when it was unknown) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Queued again */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message's timeline: events, delivery reports, replies and webhook deliveries */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageTimeline"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 1000 messages as a batch
         * @description Each item is checked on its own: the answer has one result per item, a message or the error that refused it. The stored messages share the answer's `batchId`. With `atomic: true` any refused item refuses the whole batch (422, nothing stored). A `batch.completed` webhook is sent once every message of the batch is delivered, failed, expired or cancelled.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1-200 printable ASCII characters. A retry with the same key and body answers 200 with the first message instead of sending again */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description All or nothing: any refused item refuses the batch (422), and nothing is stored */
                        atomic?: boolean;
                        messages: {
                            billee?: {
                                id: string | number;
                                type: string;
                            };
                            /** @description The text; or give `template` */
                            content?: string;
                            /** @description A phone number or an alphanumeric sender id of up to 11 characters */
                            from?: string;
                            /** @description Send through this gateway; by default the routing rules choose */
                            gateway?: string;
                            /** @description Yours, returned as given (smsgw adds its notes under `smsgw`, a key you may not use); at most 4096 bytes of JSON */
                            metadata?: {
                                [key: string]: unknown;
                            };
                            replyCallback?: string;
                            /** @description When to send: an instant, or `{local}`, a wall-clock time in the billee's time zone (or `timeZone`). A billee's quiet hours move it later */
                            sendAt?: string | {
                                /** @description `HH:MM` (the next time the clock shows it) or `YYYY-MM-DDTHH:MM[:SS]` */
                                local: string;
                                /** @description An IANA time zone; default: the billee's */
                                timeZone?: string;
                            };
                            /** @description Replace characters that force UCS-2 but have GSM-7 look-alikes (curly quotes, dashes, no-break spaces, …) when that makes the whole text GSM-7 without more segments. The replacements are recorded in `metadata.smsgw.smartEncoding`. Default: SMSGW_SMART_ENCODING */
                            smartEncoding?: boolean;
                            /** @description Every variable the template uses must be in `vars` (else 422 `template_error` naming it) */
                            template?: {
                                /** @description An inline template; or give `name` */
                                body?: string;
                                /** @description A stored template (`/v1/templates`): `otp` uses its latest version, `otp@2` version 2 */
                                name?: string;
                                /** @default {} */
                                vars?: {
                                    [key: string]: unknown;
                                };
                                /** @description The stored version to use (instead of `name@version`) */
                                version?: number;
                            };
                            /** @description The recipient: E.164, or national with SMSGW_DEFAULT_COUNTRY */
                            to: string;
                            /** Format: date-time */
                            validUntil?: string;
                            /** Format: uri */
                            webhookUrl?: string;
                        }[];
                        /**
                         * Format: uri
                         * @description Where `batch.completed` is posted when every message is final; the account's default webhook otherwise
                         */
                        webhookUrl?: string;
                    };
                };
            };
            responses: {
                /** @description At least one item was accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Messages stored (including repeats of a retried batch) */
                            accepted: number;
                            /** @description Every stored message carries it; see `GET /v1/batches/{id}` */
                            batchId: string;
                            /** @description One result per item, in item order */
                            data: ({
                                index: number;
                                message: components["schemas"]["Message"];
                            } | {
                                error: {
                                    code: components["schemas"]["ErrorCode"];
                                    message: string;
                                };
                                index: number;
                            })[];
                            rejected: number;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing was stored (`batch_rejected`): no item was valid, or an atomic batch had a refused item */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Messages stored (including repeats of a retried batch) */
                            accepted: number;
                            /** @description One result per item, in item order */
                            data: ({
                                index: number;
                                message: components["schemas"]["Message"];
                            } | {
                                error: {
                                    code: components["schemas"]["ErrorCode"];
                                    message: string;
                                };
                                index: number;
                            })[];
                            error: {
                                code: components["schemas"]["ErrorCode"];
                                message: string;
                            };
                            rejected: number;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/opt-outs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Numbers that opted out of this account's messages (and of everyone's) */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["OptOut"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Opt a number out of this account’s messages */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        number: string;
                    };
                };
            };
            responses: {
                /** @description It already was */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OptOut"];
                    };
                };
                /** @description Opted out */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OptOut"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/opt-outs/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a number from the opt-out list
         * @description `scope=global` (admin keys only) removes an opt-out that applies to every account.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description `global` (admin keys only): the opt-out every account obeys */
                    scope?: "account" | "global";
                };
                header?: never;
                path: {
                    /** @description A phone number, any way it is written */
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gateway presets and the credentials each needs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                capabilities: {
                                    balance: boolean;
                                    numberCheck: boolean;
                                    replyCallback: boolean;
                                    statusCallback: boolean;
                                    unicode: boolean;
                                };
                                credentials: {
                                    description: string;
                                    name: string;
                                    required: boolean;
                                }[];
                                docs?: string;
                                name: string;
                                settings: {
                                    [key: string]: string | number | boolean;
                                };
                                title: string;
                            }[];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The prices per segment in force, or their history */
        get: {
            parameters: {
                query?: {
                    gateway?: string;
                    /** @description `true`: every version, newest first, not only those in force */
                    history?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Rate"][];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Set the price per segment of a gateway, optionally for a destination prefix or country (admin)
         * @description Each call adds a version; the one in force for a message is the most specific (longest prefix, then country) and latest.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Only recipients of this country */
                        country?: string;
                        currency: string;
                        gateway: string;
                        /** @description Only recipients starting with it (`+4477`); the longest matching prefix wins */
                        prefix?: string;
                        /** @description Price of one segment, e.g. "0.0465" */
                        pricePerSegment: string | number;
                        /**
                         * Format: date-time
                         * @description From when it applies (now by default); the previous version applies until then
                         */
                        validFrom?: string;
                    };
                };
            };
            responses: {
                /** @description The new version */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rate"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rates/last": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The per-segment rate last charged for a number
         * @description From this account's latest message to the number whose delivery report gave a charge; 404 when there is none.
         */
        get: {
            parameters: {
                query: {
                    /** @description A phone number, any way it is written */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            charge: string;
                            currency: string | null;
                            messageId: string;
                            /** @description The charge divided by the segments */
                            perSegment: string;
                            segments: number;
                            sentAt: string | null;
                            to: string;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List replies (inbound messages), newest first
         * @description `from` is the phone that replied; `since` / `until` bound the time smsgw stored the reply. `cursor` is the `nextCursor` of the previous page. A reply belongs to an account by the reference its provider echoed, by the sender number it was sent to, or when only that account wrote to the phone within the window; the others (nobody, or several accounts, wrote to it) belong to no account: admin keys list them with `unmatched=true`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    from?: string;
                    limit?: number;
                    messageId?: string;
                    since?: string;
                    unmatched?: "true" | "false";
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reply"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List routing rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["RoutingRule"][];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add a routing rule */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        match?: {
                            country?: string;
                            prefix?: string;
                        };
                        name: string;
                        /** @description Rules are tried by position, lowest first */
                        position?: number;
                        targets: {
                            gateway: string;
                            /**
                             * @description Lower ranks are tried first (failover order)
                             * @default 0
                             */
                            rank?: number;
                            /**
                             * @description Share of the traffic within its rank
                             * @default 1
                             */
                            weight?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RoutingRule"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a routing rule */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a routing rule */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        match?: {
                            country?: string;
                            prefix?: string;
                        };
                        /** @description Rules are tried by position, lowest first */
                        position?: number;
                        targets?: {
                            gateway: string;
                            /**
                             * @description Lower ranks are tried first (failover order)
                             * @default 0
                             */
                            rank?: number;
                            /**
                             * @description Share of the traffic within its rank
                             * @default 1
                             */
                            weight?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RoutingRule"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count the segments of a text
         * @description The top-level fields describe the text as written. `smartEncoding` shows what smart encoding does to it (computed whether or not it is enabled): the text that would be sent and its segments before and after.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        content: string;
                        /** @description As on a message: whether smart encoding is on. Default: SMSGW_SMART_ENCODING */
                        smartEncoding?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            characters: number;
                            /** @enum {string} */
                            encoding: "gsm7" | "ucs2";
                            /** @description The characters that force UCS-2 */
                            nonGsmCharacters: string[];
                            perSegment: number;
                            /** @description Room left in the last segment */
                            remaining: number;
                            segments: number;
                            /** @description Smart encoding: before and after */
                            smartEncoding: {
                                after: {
                                    /** @enum {string} */
                                    encoding: "gsm7" | "ucs2";
                                    remaining: number;
                                    segments: number;
                                    units: number;
                                };
                                /** @description Whether smart encoding changes this text (always computed, so you can see what it would do) */
                                applied: boolean;
                                before: {
                                    /** @enum {string} */
                                    encoding: "gsm7" | "ucs2";
                                    segments: number;
                                };
                                /** @description The text that would be sent */
                                content: string;
                                /** @description Whether a message sent with these settings is smart-encoded */
                                enabled: boolean;
                                replacements: {
                                    char: string;
                                    /** @description `U+2019` */
                                    codePoint: string;
                                    count: number;
                                    /** @description The GSM-7 text that replaces it ('' when removed) */
                                    with: string;
                                }[];
                                /** @description Why the text stays as written: nothing has a look-alike, a character without one keeps it UCS-2, or GSM-7 would need more segments */
                                skipped: ("nothing_to_replace" | "still_ucs2" | "more_segments") | null;
                            };
                            /** @description GSM-7 septets or UTF-16 code units */
                            units: number;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sender-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sender numbers, in number order */
        get: {
            parameters: {
                query?: {
                    accountId?: string;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SenderNumber"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Give a number to an account
         * @description `gateway` limits the ownership to replies through that gateway. Assigning a number the account owns again updates its gateway (200); a number another account owns is a 409 (remove it first).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountId: string;
                        /** @description Own the number only for replies through this gateway */
                        gateway?: string | null;
                        number: string;
                    };
                };
            };
            responses: {
                /** @description Already the account’s: its gateway updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderNumber"];
                    };
                };
                /** @description Assigned */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderNumber"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sender-numbers/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sender number and its owner */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A phone number, any way it is written */
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SenderNumber"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Take a number from its account */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A phone number, any way it is written */
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List templates by name */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Template"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a named template
         * @description The body is checked (tags, filters) and measured. 409 `template_exists` when the name is taken.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "otp",
                     *       "body": "Your {{ app }} code is {{ code }}",
                     *       "description": "Login codes"
                     *     }
                     */
                    "application/json": {
                        /** @description The text, with `{{ variable }}` tags and filters (`{{ name | upper }}`) */
                        body: string;
                        description?: string | null;
                        /** @description Unique among the account’s templates; a message names it (`otp`, or `otp@2` for a version) */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created, at version 1 */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Template"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: idempotency_key_reused, not_cancellable, not_resendable, gateway_missing, gateway_exists, gateway_in_use, route_exists, number_owned, credit_currency_fixed, key_inactive, own_account, template_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a template with its latest version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Template"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a template */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a template (a new body is a new version) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A new text: becomes the next version */
                        body?: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Template"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/templates/{name}/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a template: its text and segments
         * @description A missing variable is 422 `template_error` naming it, as on a send.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        vars?: {
                            [key: string]: unknown;
                        };
                        /** @description Default: the latest */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RenderedTemplate"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: body_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_recipient, invalid_sender, invalid_content, empty_content, too_many_segments, template_error, unknown_template, invalid_send_at, invalid_time_zone, invalid_valid_until, unknown_gateway, gateway_disabled, no_gateway, unicode_not_supported, recipient_opted_out, webhook_url_not_allowed, batch_rejected, unknown_account, invalid_expiry, unknown_preset, invalid_gateway_config, missing_credentials, gateway_url_not_allowed, invalid_gateway_url, gateway_template_error, balance_not_supported, number_check_not_supported */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A template's versions, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TemplateVersion"][];
                        };
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{name}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a template with one of its versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Template"];
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook deliveries to this account, newest first, with their attempts and last error */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    limit?: number;
                    messageId?: string;
                    state?: "pending" | "retrying" | "delivered" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookDelivery"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Error; `error.code` is one of: invalid_request, invalid_json, invalid_idempotency_key, invalid_callback */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: forbidden, signature_invalid */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error; `error.code` is one of: database_unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Account: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
            /** @description The account's smart-encoding default; null: the API's */
            smartEncoding: boolean | null;
            /** @description Our webhooks to this account are signed with it (Standard Webhooks) */
            webhookSecret: string;
            webhookUrl: string | null;
        };
        AdminAccount: {
            /** Format: date-time */
            createdAt: string;
            /** @description A disabled account’s keys are refused (401); its data is kept */
            disabled: boolean;
            disabledAt: string | null;
            id: string;
            name: string;
            webhookUrl: string | null;
        };
        ApiKey: {
            admin: boolean;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            id: string;
            /** @description Written every few seconds, not per request */
            lastUsedAt: string | null;
            name: string;
            /** @description The first characters of the key, to recognise it; the key itself is never shown again */
            prefix: string;
            /** @description Requests per minute; null: the server default; 0: no limit */
            rateLimitPerMinute: number | null;
            revokedAt: string | null;
            /** @description The scopes in effect (`["admin"]` for an admin key) */
            scopes: components["schemas"]["Scope"][];
        };
        ApiKeyWithSecret: {
            admin: boolean;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            id: string;
            /** @description The full key: shown this once, store it now */
            key: string;
            /** @description Written every few seconds, not per request */
            lastUsedAt: string | null;
            name: string;
            /** @description The first characters of the key, to recognise it; the key itself is never shown again */
            prefix: string;
            /** @description Requests per minute; null: the server default; 0: no limit */
            rateLimitPerMinute: number | null;
            revokedAt: string | null;
            /** @description The scopes in effect (`["admin"]` for an admin key) */
            scopes: components["schemas"]["Scope"][];
        };
        AuditEntry: {
            accountId: string | null;
            action: string;
            actorKeyId: string | null;
            /** Format: date-time */
            at: string;
            details: {
                [key: string]: unknown;
            };
            id: string;
            target: string | null;
        };
        /**
         * @example {
         *       "id": "bat_01JH5Z8Q3K7M2V9X4T6B8N0C1D",
         *       "total": 3,
         *       "done": 2,
         *       "percentComplete": 66.67,
         *       "completed": false,
         *       "atomic": false,
         *       "webhookUrl": null,
         *       "createdAt": "2025-01-15T10:00:00.000Z",
         *       "completedAt": null,
         *       "counts": {
         *         "queued": 0,
         *         "scheduled": 0,
         *         "sending": 0,
         *         "unknown": 0,
         *         "sent": 1,
         *         "delivered": 2,
         *         "failed": 0,
         *         "expired": 0,
         *         "cancelled": 0
         *       },
         *       "charged": [
         *         {
         *           "amount": "0.080000",
         *           "currency": "EUR"
         *         }
         *       ],
         *       "estimated": [
         *         {
         *           "amount": "0.120000",
         *           "currency": "EUR"
         *         }
         *       ]
         *     }
         */
        Batch: {
            atomic: boolean;
            /** @description What the providers reported charging so far, per currency (their delivery reports' charge) */
            charged: components["schemas"]["Money"][];
            completed: boolean;
            /** @description When the last message became final (null while any is in flight) */
            completedAt: string | null;
            /** @description Messages by status */
            counts: {
                cancelled: number;
                delivered: number;
                expired: number;
                failed: number;
                queued: number;
                scheduled: number;
                sending: number;
                sent: number;
                unknown: number;
            };
            /** Format: date-time */
            createdAt: string;
            /** @description Messages in a final status: delivered, failed, expired or cancelled */
            done: number;
            /** @description Segments × the rate each message was accepted at, per currency (`GET /v1/rates`) */
            estimated: components["schemas"]["Money"][];
            id: string;
            /** @description `done` / `total` × 100, two decimals; 100 for an empty batch */
            percentComplete: number;
            /** @description Messages stored in the batch */
            total: number;
            webhookUrl: string | null;
        };
        BatchSummary: {
            atomic: boolean;
            completed: boolean;
            /** @description When the last message became final (null while any is in flight) */
            completedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Messages in a final status: delivered, failed, expired or cancelled */
            done: number;
            id: string;
            /** @description `done` / `total` × 100, two decimals; 100 for an empty batch */
            percentComplete: number;
            /** @description Messages stored in the batch */
            total: number;
            webhookUrl: string | null;
        };
        BilleeDefaults: {
            billee: {
                id: string;
                type: string;
            };
            gateway: string | null;
            quietHours: {
                end: string;
                start: string;
            } | null;
            timeZone: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        BillingRun: {
            billee: {
                id: string;
                type: string;
            } | null;
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @description Messages this run billed */
            messages: number;
            /** @description Per currency, at the amounts frozen when billed */
            totals: {
                amount: string | null;
                currency: string | null;
                messages: number;
                segments: number;
            }[];
            /** Format: date-time */
            until: string;
        };
        Credit: {
            /** @description limit − reserved − spent: what new messages may still reserve */
            balance: string;
            billee: {
                id: string;
                type: string;
            };
            currency: string;
            limit: string;
            /** @description Held by messages in flight (segments × rate each) */
            reserved: string;
            /** @description What delivered messages cost (the provider’s charge, else the estimate) */
            spent: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description Specifics some codes carry (counts, fields). */
                details?: {
                    [key: string]: unknown;
                };
                /** @description For people: names the field or the state that refused the request. */
                message: string;
            };
        };
        /**
         * @description What went wrong. Each code has one HTTP status; the list is closed (a new code is a new API version of this list).
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "invalid_json" | "invalid_idempotency_key" | "invalid_callback" | "unauthorized" | "insufficient_credit" | "forbidden" | "signature_invalid" | "not_found" | "idempotency_key_reused" | "not_cancellable" | "not_resendable" | "gateway_missing" | "gateway_exists" | "gateway_in_use" | "route_exists" | "number_owned" | "credit_currency_fixed" | "key_inactive" | "own_account" | "template_exists" | "body_too_large" | "unsupported_media_type" | "invalid_recipient" | "invalid_sender" | "invalid_content" | "empty_content" | "too_many_segments" | "template_error" | "unknown_template" | "invalid_send_at" | "invalid_time_zone" | "invalid_valid_until" | "unknown_gateway" | "gateway_disabled" | "no_gateway" | "unicode_not_supported" | "recipient_opted_out" | "webhook_url_not_allowed" | "batch_rejected" | "unknown_account" | "invalid_expiry" | "unknown_preset" | "invalid_gateway_config" | "missing_credentials" | "gateway_url_not_allowed" | "invalid_gateway_url" | "gateway_template_error" | "balance_not_supported" | "number_check_not_supported" | "rate_limited" | "internal_error" | "balance_query_failed" | "number_check_failed" | "database_unavailable";
        /**
         * @example {
         *       "name": "twilio-uk",
         *       "preset": "twilio",
         *       "config": null,
         *       "settings": {
         *         "messagingServiceSid": "MG0123456789abcdef0123456789abcdef"
         *       },
         *       "credentials": [
         *         "accountSid",
         *         "authToken"
         *       ],
         *       "enabled": true,
         *       "isDefault": false,
         *       "priority": 0,
         *       "rateLimit": null,
         *       "callbackUrls": {
         *         "status": "https://sms.example.com/callbacks/twilio-uk/6d1c…/status",
         *         "reply": "https://sms.example.com/callbacks/twilio-uk/6d1c…/reply"
         *       },
         *       "balance": null,
         *       "lastBalanceCheck": null,
         *       "version": 1,
         *       "createdAt": "2025-01-15T09:00:00.000Z",
         *       "updatedAt": "2025-01-15T09:00:00.000Z"
         *     }
         */
        Gateway: {
            balance: {
                amount: string;
                currency: string | null;
            } | null;
            /** @description Give these to the provider: delivery reports and inbound messages */
            callbackUrls: {
                reply: string;
                status: string;
            };
            config: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The names of the credentials set (their values are never shown) */
            credentials: string[];
            enabled: boolean;
            isDefault: boolean;
            lastBalanceCheck: string | null;
            name: string;
            preset: string | null;
            priority: number;
            rateLimit: {
                intervalMs: number;
                max: number;
                perSegment: boolean;
            } | null;
            settings: {
                [key: string]: string | number | boolean;
            };
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        GatewayHealth: {
            data: {
                balance: {
                    amount: string;
                    currency: string | null;
                } | null;
                enabled: boolean;
                isDefault: boolean;
                lastBalanceCheck: string | null;
                name: string;
                /** @description Jobs in the gateway's send queue by state, and whether the queue is paused (throttled) */
                queue: {
                    active: number;
                    delayed: number;
                    failed: number;
                    paused: boolean;
                    prioritized: number;
                    waiting: number;
                };
                /** @description Send outcomes (sent, retry, failover, failed, unknown, throttled) among the recent events */
                recent: {
                    [key: string]: number;
                };
            }[];
            /** @description `recent` counts the newest `events` message events no older than `minutes` */
            window: {
                events: number;
                minutes: number;
            };
        };
        /**
         * @example {
         *       "id": "msg_01JH5Z8Q3K7M2V9X4T6B8N0C1D",
         *       "status": "queued",
         *       "statusMessage": null,
         *       "to": "+447400123456",
         *       "from": "ACME",
         *       "gateway": "twilio",
         *       "gatewayMessageId": null,
         *       "segments": 1,
         *       "batchId": null,
         *       "charge": null,
         *       "billee": null,
         *       "metadata": {
         *         "orderId": "A-1001"
         *       },
         *       "createdAt": "2025-01-15T10:00:00.000Z",
         *       "updatedAt": "2025-01-15T10:00:00.000Z",
         *       "sentAt": null,
         *       "deliveredAt": null,
         *       "content": "Your code is 123456",
         *       "encoding": "gsm7",
         *       "route": [
         *         "twilio",
         *         "vonage"
         *       ],
         *       "attempts": 0,
         *       "billed": false,
         *       "billedAt": null,
         *       "billingRunId": null,
         *       "rate": {
         *         "amount": "0.040000",
         *         "currency": "EUR"
         *       },
         *       "estimatedCost": {
         *         "amount": "0.040000",
         *         "currency": "EUR"
         *       },
         *       "replyCallback": null,
         *       "webhookUrl": null,
         *       "sendAt": null,
         *       "validUntil": null
         *     }
         */
        Message: {
            attempts: number;
            /** @description The batch it was sent in (`POST /v1/messages/batch`), if any */
            batchId: string | null;
            billed: boolean;
            billedAt: string | null;
            billee: {
                id: string;
                type: string;
            } | null;
            /** @description The billing run that billed it (`POST /v1/billing/runs`) */
            billingRunId: string | null;
            charge: {
                amount: string;
                currency: string | null;
            } | null;
            content: string;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            /** @enum {string} */
            encoding: "gsm7" | "ucs2";
            /** @description Segments × rate; the final cost is `charge`, from the delivery report */
            estimatedCost: {
                amount: string;
                currency: string | null;
            } | null;
            from: string | null;
            gateway: string | null;
            gatewayMessageId: string | null;
            id: string;
            metadata: {
                [key: string]: unknown;
            };
            /** @description The price per segment when it was accepted (`GET /v1/rates`) */
            rate: {
                amount: string;
                currency: string | null;
            } | null;
            replyCallback: string | null;
            /** @description The failover order fixed when the message was accepted */
            route: string[];
            segments: number;
            sendAt: string | null;
            sentAt: string | null;
            /** @enum {string} */
            status: "queued" | "scheduled" | "sending" | "unknown" | "sent" | "delivered" | "failed" | "expired" | "cancelled";
            statusMessage: string | null;
            to: string;
            /** Format: date-time */
            updatedAt: string;
            validUntil: string | null;
            webhookUrl: string | null;
        };
        /**
         * @example {
         *       "id": "msg_01JH5Z8Q3K7M2V9X4T6B8N0C1D",
         *       "status": "delivered",
         *       "statusMessage": null,
         *       "to": "+447400123456",
         *       "from": "ACME",
         *       "gateway": "twilio",
         *       "gatewayMessageId": "SM8f2a0c",
         *       "segments": 1,
         *       "batchId": null,
         *       "charge": null,
         *       "billee": null,
         *       "metadata": {
         *         "orderId": "A-1001"
         *       },
         *       "createdAt": "2025-01-15T10:00:00.000Z",
         *       "updatedAt": "2025-01-15T10:00:04.900Z",
         *       "sentAt": "2025-01-15T10:00:01.200Z",
         *       "deliveredAt": "2025-01-15T10:00:04.900Z",
         *       "content": "Your code is 123456",
         *       "encoding": "gsm7",
         *       "route": [
         *         "twilio",
         *         "vonage"
         *       ],
         *       "attempts": 0,
         *       "billed": false,
         *       "billedAt": null,
         *       "billingRunId": null,
         *       "rate": {
         *         "amount": "0.040000",
         *         "currency": "EUR"
         *       },
         *       "estimatedCost": {
         *         "amount": "0.040000",
         *         "currency": "EUR"
         *       },
         *       "replyCallback": null,
         *       "webhookUrl": null,
         *       "sendAt": null,
         *       "validUntil": null,
         *       "events": [
         *         {
         *           "at": "2025-01-15T10:00:00.000Z",
         *           "type": "accepted",
         *           "status": "queued",
         *           "attempt": 0,
         *           "gateway": "twilio",
         *           "detail": {}
         *         },
         *         {
         *           "at": "2025-01-15T10:00:01.200Z",
         *           "type": "sent",
         *           "status": "sent",
         *           "attempt": 1,
         *           "gateway": "twilio",
         *           "detail": {}
         *         },
         *         {
         *           "at": "2025-01-15T10:00:04.900Z",
         *           "type": "report",
         *           "status": "delivered",
         *           "attempt": 1,
         *           "gateway": "twilio",
         *           "detail": {
         *             "providerStatus": "delivered"
         *           }
         *         }
         *       ],
         *       "replies": []
         *     }
         */
        MessageDetail: {
            attempts: number;
            /** @description The batch it was sent in (`POST /v1/messages/batch`), if any */
            batchId: string | null;
            billed: boolean;
            billedAt: string | null;
            billee: {
                id: string;
                type: string;
            } | null;
            /** @description The billing run that billed it (`POST /v1/billing/runs`) */
            billingRunId: string | null;
            charge: {
                amount: string;
                currency: string | null;
            } | null;
            content: string;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            /** @enum {string} */
            encoding: "gsm7" | "ucs2";
            /** @description Segments × rate; the final cost is `charge`, from the delivery report */
            estimatedCost: {
                amount: string;
                currency: string | null;
            } | null;
            events: {
                /** Format: date-time */
                at: string;
                attempt: number | null;
                detail: {
                    [key: string]: unknown;
                };
                gateway: string | null;
                status: ("queued" | "scheduled" | "sending" | "unknown" | "sent" | "delivered" | "failed" | "expired" | "cancelled") | null;
                type: string;
            }[];
            from: string | null;
            gateway: string | null;
            gatewayMessageId: string | null;
            id: string;
            metadata: {
                [key: string]: unknown;
            };
            /** @description The price per segment when it was accepted (`GET /v1/rates`) */
            rate: {
                amount: string;
                currency: string | null;
            } | null;
            replies: components["schemas"]["Reply"][];
            replyCallback: string | null;
            /** @description The failover order fixed when the message was accepted */
            route: string[];
            segments: number;
            sendAt: string | null;
            sentAt: string | null;
            /** @enum {string} */
            status: "queued" | "scheduled" | "sending" | "unknown" | "sent" | "delivered" | "failed" | "expired" | "cancelled";
            statusMessage: string | null;
            to: string;
            /** Format: date-time */
            updatedAt: string;
            validUntil: string | null;
            webhookUrl: string | null;
        };
        MessageTimeline: {
            events: {
                /** Format: date-time */
                at: string;
                attempt: number | null;
                detail: {
                    [key: string]: unknown;
                };
                gateway: string | null;
                status: ("queued" | "scheduled" | "sending" | "unknown" | "sent" | "delivered" | "failed" | "expired" | "cancelled") | null;
                type: string;
            }[];
            messageId: string;
            replies: components["schemas"]["Reply"][];
            reports: components["schemas"]["StatusReport"][];
            /** @description Webhooks about this message, with their attempts and last error */
            webhookDeliveries: components["schemas"]["WebhookDelivery"][];
        };
        Money: {
            /** @description Decimal, as text (no binary rounding) */
            amount: string;
            currency: string | null;
        };
        OptOut: {
            /** Format: date-time */
            createdAt: string;
            number: string;
            /** @enum {string} */
            scope: "account" | "global";
            source: string;
        };
        Rate: {
            country: string | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            gateway: string;
            id: number;
            prefix: string | null;
            pricePerSegment: string;
            /** Format: date-time */
            validFrom: string;
        };
        RenderedTemplate: {
            characters: number;
            content: string;
            /** @enum {string} */
            encoding: "gsm7" | "ucs2";
            segments: number;
            template: {
                name: string;
                version: number;
            };
        };
        Reply: {
            content: string;
            /** Format: date-time */
            createdAt: string;
            from: string;
            gateway: string;
            id: string;
            /** @description stop, start or help when the whole text is one */
            keyword: string | null;
            /** @description reference, recent or number; null when no account could be told */
            matchedBy: string | null;
            messageId: string | null;
            providerId: string | null;
            /** Format: date-time */
            receivedAt: string;
            to: string | null;
        };
        RoutingRule: {
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            match: {
                country: string | null;
                prefix: string | null;
            };
            name: string;
            position: number;
            targets: {
                gateway: string;
                rank: number;
                weight: number;
            }[];
        };
        /**
         * @description What a key may do; `admin` is everything, across accounts. See docs/keys-and-scopes.md.
         * @enum {string}
         */
        Scope: "messages:write" | "messages:read" | "replies:read" | "billing" | "gateways:read" | "gateways:admin" | "webhooks:read" | "account:admin" | "admin";
        /**
         * @description What a key may do; `admin` is everything, across accounts. See docs/keys-and-scopes.md.
         * @enum {string}
         */
        ScopeInput: "messages:write" | "messages:read" | "replies:read" | "billing" | "gateways:read" | "gateways:admin" | "webhooks:read" | "account:admin" | "admin";
        SenderNumber: {
            accountId: string;
            /** Format: date-time */
            createdAt: string;
            gateway: string | null;
            number: string;
        };
        StatusReport: {
            charge: string | null;
            errorCode: string | null;
            gateway: string;
            id: number;
            part: {
                count: number;
                index: number;
            } | null;
            providerStatus: string;
            /** Format: date-time */
            receivedAt: string;
            /** @description When the provider says it happened */
            reportedAt: string | null;
            /** @description What it did: applied, parked, recorded, ignored or unmatched */
            state: string;
            /** @description Our status the report maps to (delivered, failed, …); null when informational */
            status: string | null;
        };
        Template: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            latestVersion: number;
            name: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The latest version (or the one asked for) */
            version: components["schemas"]["TemplateVersion"];
        };
        TemplateVersion: {
            body: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description Of the fixed text (variables left out)
             * @enum {string}
             */
            encoding: "gsm7" | "ucs2";
            /** @description Of the fixed text: the least a render needs */
            segments: number;
            /** @description The variables the text uses: a send must give each (unless it has a `default`) */
            variables: string[];
            version: number;
        };
        WebhookDelivery: {
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            eventType: string;
            id: string;
            lastError: string | null;
            lastStatusCode: number | null;
            messageId: string | null;
            replyId: string | null;
            state: string;
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
