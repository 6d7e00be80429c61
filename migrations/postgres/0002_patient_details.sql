-- Patient record details (the patients issue, design.md §2): everything but
-- the names is optional. Phones live in their own table, normalised, so the
-- duplicate check can match any of a patient's numbers.

ALTER TABLE patients ADD COLUMN preferred_name TEXT;
ALTER TABLE patients ADD COLUMN preferred_language TEXT;
ALTER TABLE patients ADD COLUMN pronouns TEXT;
ALTER TABLE patients ADD COLUMN gender_identity TEXT;
ALTER TABLE patients ADD COLUMN race TEXT;
ALTER TABLE patients ADD COLUMN ethnicity TEXT;
-- Street address, or NULL with no_fixed_address_where saying where to find them.
ALTER TABLE patients ADD COLUMN address TEXT;
ALTER TABLE patients ADD COLUMN no_fixed_address_where TEXT;
ALTER TABLE patients ADD COLUMN mrn TEXT;
ALTER TABLE patients ADD COLUMN health_plan_id TEXT;
ALTER TABLE patients ADD COLUMN emergency_contact TEXT;

CREATE TABLE patient_phones (
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    phone       TEXT NOT NULL,
    position    BIGINT NOT NULL,
    PRIMARY KEY (patient_id, phone)
);
CREATE INDEX patient_phones_phone ON patient_phones (phone);

-- Which part of the care team a member plays (case_manager, chw, housing_navigator).
ALTER TABLE care_team ADD COLUMN role TEXT;

CREATE INDEX patients_name ON patients (family_name, given_name);
