#include "core/identity/masking.hpp"

#include <gtest/gtest.h>

namespace tongban::identity {
namespace {

TEST(Masking, IdNumbersKeepTheRegionAndTheLastFour) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_id_number("110105491231002"), "110105******002");  // the 15-digit form
  EXPECT_EQ(mask_id_number("12345678"), "12****78");
  EXPECT_EQ(mask_id_number("12"), "**");
  EXPECT_EQ(mask_id_number(""), "");
}

TEST(Masking, PhonesKeepWhatIdentifiesTheLineNotThePerson) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_phone("0771-5551234"), "0771-*****34");
  EXPECT_EQ(mask_phone("010-88886666"), "010-******66");
  EXPECT_EQ(mask_phone("+86 138 1234 1234"), "+86 *********1234");
  EXPECT_EQ(mask_phone("23812341234"), "23*******34");  // not a mobile number: quarters
}

TEST(Masking, AddressesKeepTheFirstSixCharacters) {
  EXPECT_EQ(mask_address("广西壮族自治区南宁市青秀区民族大道100号"), "广西壮族自治****");
  EXPECT_EQ(mask_address("南宁市青秀区"), "******");  // too short to show a part
  EXPECT_EQ(mask_address("Room 5, 1 Main St"), "Room 5****");
}

TEST(Masking, FieldKindsByKey) {
  EXPECT_EQ(personal_field("id_number"), PersonalField::IdNumber);
  EXPECT_EQ(personal_field("legal_person_id_number"), PersonalField::IdNumber);
  EXPECT_EQ(personal_field("contact_phone"), PersonalField::Phone);
  EXPECT_EQ(personal_field("mobile"), PersonalField::Phone);
  EXPECT_EQ(personal_field("tel"), PersonalField::Phone);
  EXPECT_EQ(personal_field("address"), PersonalField::Address);
  EXPECT_EQ(personal_field("site_address"), PersonalField::Address);
  for (const char* k : {"contact_name", "project_name", "remark", "phones_count", "telegram",
                        "address_line_count", ""})
    EXPECT_EQ(personal_field(k), PersonalField::None) << k;
  EXPECT_EQ(mask(PersonalField::None, "原样"), "原样");
  EXPECT_EQ(mask(PersonalField::Phone, "13812341234"), "138****1234");
}

}  // namespace
}  // namespace tongban::identity
