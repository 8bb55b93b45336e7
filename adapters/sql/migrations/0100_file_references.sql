-- Staff reach an applicant's upload only through a case that holds it as a material
-- (app/files download_file): the lookup from a file to its cases.
CREATE INDEX case_materials_file ON case_materials(file_id);
