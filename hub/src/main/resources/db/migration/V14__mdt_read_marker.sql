-- An MDT member's "read" mark per patient: everything received up to read_up_to has been seen and acknowledged in
-- the console; a record stored later shows as unread. Portable SQL (H2 and PostgreSQL).
create table mdt_read_marker (
    person         varchar(255)  not null,
    nhs_number     varchar(10)   not null,
    read_up_to     timestamp with time zone not null,
    read_at        timestamp with time zone not null,
    primary key (person, nhs_number)
);
