-- Maps an operator supplied through the API (PUT /api/mapping): the newest is the map in force until another replaces it.
CREATE TABLE gpm_mapping_upload (
    sha256      VARCHAR(64)  NOT NULL,
    content     CLOB         NOT NULL,
    uploaded_by VARCHAR(200) NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sha256, uploaded_at)
);
-- Who confirmed which map (by the SHA-256 of its bytes), when and how: api, configuration or local-profile.
CREATE TABLE gpm_mapping_confirmation (
    sha256       VARCHAR(64)  NOT NULL,
    confirmed_by VARCHAR(200) NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    via          VARCHAR(40)  NOT NULL,
    PRIMARY KEY (sha256, confirmed_at)
);
-- The SHA-256 of the map a run used.
ALTER TABLE gpm_run ADD mapping_sha256 VARCHAR(64);
