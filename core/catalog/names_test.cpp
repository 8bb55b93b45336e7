#include "core/catalog/names.hpp"

#include <gtest/gtest.h>

namespace tongban::catalog {
namespace {

TEST(Names, EveryEnumRoundTrips) {
  for (int n : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20}) {
    const auto t = static_cast<ItemType>(n);
    EXPECT_EQ(item_type_from_string(to_string(t)), t);
  }
  for (auto c :
       {Channel::Window, Channel::Online, Channel::Mobile, Channel::Mail, Channel::Kiosk}) {
    EXPECT_EQ(channel_from_string(to_string(c)), c);
  }
  for (auto f : {MaterialForm::Original, MaterialForm::Copy, MaterialForm::OriginalAndCopy}) {
    EXPECT_EQ(material_form_from_string(to_string(f)), f);
  }
  for (auto s :
       {MaterialSource::ApplicantUpload, MaterialSource::Certificate, MaterialSource::SharedData}) {
    EXPECT_EQ(material_source_from_string(to_string(s)), s);
  }
  for (auto o : {ServiceObject::Person, ServiceObject::Organisation, ServiceObject::Both}) {
    EXPECT_EQ(service_object_from_string(to_string(o)), o);
  }
  for (auto l : {ExerciseLevel::Province, ExerciseLevel::City, ExerciseLevel::County,
                 ExerciseLevel::Township}) {
    EXPECT_EQ(exercise_level_from_string(to_string(l)), l);
  }
  EXPECT_EQ(handling_from_string("instant"), HandlingKind::Instant);
  EXPECT_EQ(handling_from_string("commitment"), HandlingKind::Commitment);
}

TEST(Names, StableWireNamesAndCodes) {
  EXPECT_EQ(to_string(ItemType::Licensing), "licensing");
  EXPECT_EQ(to_string(ItemType::PublicService), "public_service");
  EXPECT_EQ(item_type_code(ItemType::Licensing), "01");
  EXPECT_EQ(item_type_code(ItemType::PublicService), "20");
  EXPECT_EQ(to_string(MaterialSource::ApplicantUpload), "applicant_upload");
  EXPECT_EQ(to_string(MaterialForm::OriginalAndCopy), "original_and_copy");
}

TEST(Names, UnknownNamesAreRejected) {
  EXPECT_FALSE(item_type_from_string("Licensing"));
  EXPECT_FALSE(channel_from_string(""));
  EXPECT_FALSE(handling_from_string("later"));
}

}  // namespace
}  // namespace tongban::catalog
