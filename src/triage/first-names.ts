/**
 * Given names common among the hotline's callers and contacts (Arabic, Afghan and Persian,
 * Kurdish, Turkish, Ukrainian and Russian, Balkan, Eastern European, Eritrean, Somali, West
 * African, South and East Asian, Latin American and German), so that a full name without
 * "Herr"/"Frau" before it is redacted ("Anruf von Olena Kovalenko"). Curated by the team in
 * November 2026; names that are also German words, months, places, brands or titles (Nur,
 * Mai, Ernst, Roman, Sultan, Huy …) are left out, because they stand capitalised in notes
 * for other reasons.
 */
const FIRST_NAME_LIST = `
Abbas Abdalla Abdallah Abdelaziz Abdelhamid Abdelkader Abdelkarim Abdelrahman Abdi Abdiaziz
Abdikarim Abdirahman Abdisalam Abdoulaye Abdul Abdulaziz Abdulkader Abdulkarim Abdullah
Abdullahi Abdulrahman Abdulsalam Abebe Abel Abena Abshir Abubakar Adam Adama Adebayo Adeel
Adelina Adem Adewale Aditi Aditya Adnan Adrian Adriana Adwoa Afua Agata Agim Agit Agnieszka
Agron Ahmad Ahmed Ahmet Aicha Aida Aisha Aissatou Ajay Ajla Ajmal Akash Akbar Akosua Akram Alaa
Alain Albana Albulena Alejandra Alejandro Aleksandar Aleksandr Aleksandra Alexander Alexandr
Alexandra Alexandru Alexei Alexej Ali Alieu Alija Alina Aline Aliou Alioune Alireza Alla Alma
Almaz Almir Alona Altin Alyona Ama Amadou Amaka Amal Amanda Amani Amanuel Amanullah Amar Amela
Amer Amin Amina Aminata Amine Amir Amira Amit Ammar Amna Amra Ana Anahit Anand Ananya Anas
Anastasia Anastasiia Anatolii Anatoliy Andrea Andreas Andreea Andrei Andrej Andrés Andrey Andrii
Andriy Andrzej Angela Angelica Angelika Angelina Anh Ani Anil Anisa Anita Anja Anjali Anke Anna
Anne Annett Ante Antje Anton Antonina Anush Anusha Anwar Aqsa Aram Arash Arben Arda Ardian Ardit
Arezoo Ariam Arian Arif Arjun Arlene Arlind Arman Armin Arnel Aron Arta Artan Artem Artjom Artur
Artyom Arun Arzu Asad Ashkan Ashok Ashot Ashraf Asif Asli Asma Astghik Astrit Atanas Awa Axel
Aya Aydın Ayesha Ayhan Ayla Aylin Ayman Ayoub Ayse Ayşe Ayşegül Aysel Azad Azadeh Azeb Aziz Azra
Babacar Babak Babatunde Bahar Bakary Bakhtiyar Bao Baran Barbara Bärbel Barış Bartosz Bashar
Bashir Basir Bassam Bassel Bayram Beata Beate Beatriz Behnam Beka Bekim Belma Benjamin Berfin
Berhane Berhe Berivan Berk Bernd Besa Besart Besnik Betelhem Beyza Bianca Bilal Biljana Binh
Biniam Binta Birgit Blerim Blerina Blerta Bogdan Bohdan Bohdana Bojan Boris Borys Boubacar
Branko Brice Brigitte Bruno Bujar Bülent Burak Burcu Bushra Büşra Camila Camilo Canan Carine
Carlos Carmen Carolina Carsten Cătălin Cem Ceren Chidi Chinedu Chinonso Chioma Christian
Christina Christine Christoph Chukwudi Çiğdem Cihan Ciprian Ciwan Clara Claudia Constantin
Corina Cornelia Cosmin Coumba Cristian Cristina Cuong Dagmar Dahir Dalia Damian Damir Damla Dana
Daniel Daniela Danijela Danilo Danylo Dara Dardan Daria Dariush Dariusz Darja Darko David Davit
Dawid Dawit Dawood Dayana Deborah Deepak Deepika Deeqa Defne Dejan Delal Denis Deniz Dennis
Denys Derya Desislava Detlef Diana Diego Diellza Dieter Dietmar Dilan Dilara Dilek Dilshad
Dimitar Dirk Divya Diyar Djibril Dmitri Dmitrij Dmytro Doaa Doina Dominik Donika Doreen Dorin
Doris Dorota Dragan Dragana Dragoș Drita Driton Duc Dumitru Dušan Duygu Ebrima Ebru Ecaterina
Eda Edgar Edin Edina Edith Edona Edris Eduard Eduardo Efe Efosa Efrem Eghosa Egzona Ehsan Eka
Ekaterina Ela Elena Elham Elias Elif Elira Elisabeth Elke Elsa Elvir Elvira Elvis Elżbieta Emad
Eman Emeka Emil Emin Emina Emine Emma Emmanuel Emre Endrit Enes Enrico Erdem Eren Erhan Erik
Erkan Ermal Ermias Ernesto Erwin Erza Esi Esma Esra Esraa Esther Eugen Eva Evin Ewa Eyob Ezgi
Fadi Faduma Fadumo Fahad Faisal Faiza Farah Fares Farhad Farhan Fariba Farid Faris Faruk Farzana
Fatema Fatemeh Fatih Fatima Fatma Fatmir Fatou Fatoumata Fawad Fawzia Felipe Felix Femi Feng
Fereshta Fereshteh Ferhat Fernanda Fernando Feven Filip Filmon Fiori Firas Fitsum Fjolla Flamur
Florentina Florian Florim Florin Fouad Francisco Franz Franziska Freshta Freweyni Friedrich Gabi
Gabriel Gabriela Gabriele Gagik Galina Galya Galyna Gayane Gebre Gebremedhin Georg Georgi
Georgiana Gerd Gergana Gerhard Getachew Gevorg Gëzim Ghada Ghassan Ghazal Gheorghe Ghulam Giorgi
Gisela Gizem Gohar Goitom Gökhan Golnaz Goran Gordana Grit Grzegorz Gül Gülay Guled Gulnaz
Gülşen Gülsüm Güneş Günter Günther Gurpreet Gustavo Habib Habiba Habibullah Habtom Haddy Hadeel
Hadi Hafsa Haidar Haider Haile Hailu Haitham Haiyan Hajar Hakan Hakim Hakob Hala Halil Halima
Halyna Hamed Hamid Hamida Hamidullah Hamse Hamza Hana Hanan Hande Hanh Hani Hanna Hans Harald
Haris Harpreet Hartmut Harun Hasan Hashim Hasina Hasmik Hassan Hatem Hatice Hawa Hayk Hazem Heba
Héctor Heidi Heike Heiko Heinz Hejar Helen Helga Helin Helina Helmut Henok Hervé Hevi Hiba Hibo
Hien Hieu Hilal Hina Hind Hisham Hiwa Hiwet Hoa Hoang Hodan Holger Hong Hongmei Hossein Houda
Hovhannes Hristina Hristo Hrvoje Hua Huda Hülya Hung Huong Husain Husein Hüseyin Hussain Hussein
Huyen Ibrahim Ibrahima Ida Idil Idris Idrissa Ifeanyi Ifrah Igor Ihor Ilham Ilhan Ilir Ilker
Illia Ilona Ilya Ilyas Imad Imelda Imran Ina Ines Inga Inge Ingo Ingrid Inna Ioan Ioana Ionut
Ionuț Ipek Iqra Irakli Irem Irfan Irina Irma Iryna Isa Isabel Isatou Ismael Ismail Ismaila Israa
Issa Ivan Iván Ivana Ivanka Ivaylo Ivica Iwona Iyad Izabela Jacek Jacqueline Jaime Jainaba Jakub
Jamal Jamil Jamila Jamshid Jana Janusz Jaroslaw Jarosław Jasmina Javad Javed Javid Javier Jawad
Jawid Jayson Jean Jehona Jelena Jennifer Jens Jerome Jessica Jewgenij Jian Jianhua Jiaxin Jiayi
Jibril Jie Jihan Jing Jingjing Jiyan Joachim Joanna João Jocelyn Jochen Joel Johannes Jolanta
Jonas Jonathan Jörg Jorge Jose José Joseph Josip Jovan Jovana Juan Julia Julian Julián Juliana
Julija Junaid Jürgen Juri Jurij Justyna Jyoti Kaan Kadiatou Kadir Kalina Kaloyan Kamal Kamaran
Kamila Kamran Kareem Karen Karim Karima Karin Karina Karine Karl Karolina Karsten Karthik Karzan
Kastriot Katarina Katarzyna Katerina Kateryna Katharina Kathrin Katja Katrin Kavita Kawa Kehinde
Kelechi Kemal Kenan Kendal Kerem Kerim Kerstin Ketevan Kevin Khadija Khady Khaled Khalid Khalil
Khanh Khatia Khider Khoa Khrystyna Kian Kibrom Kidane Kidist Kiflom Kim Kinga Kingsley Kira
Kiran Kiril Kirill Klaus Kofi Kojo Konrad Kostiantyn Krasimir Kristina Kristine Krystyna
Krzysztof Ksenia Kübra Kurt Kwabena Kwaku Kwame Kwasi Kyrylo Laila Laith Lakshmi Lamija Lamin
Lamine Lan Landry Lara Larissa Lars Larysa Lasha Latifa Laura Layla Lea Lei Leila Lejla Lena
Leon Leonardo Leonid Leonora Levan Levent Levon Leyla Lidia Lijun Lili Lilia Liliana Lilit
Liliya Lin Lina Linda Lindita Ling Linh Liridon Lisa Liviu Liza Ljiljana Ljudmila Loan Loredana
Lorena Lorna Louay Luana Lubna Luca Lucas Lucía Lucian Ludmila Luis Luisa Luka Lukas Łukasz
Luqman Lusine Lutz Luwam Luz Maciej Mădălina Magdalena Maha Mahad Mahdi Maher Mahlet Mahmoud
Mahmud Mahmut Mahnoor Mahsa Maia Maik Maja Majid Maksym Malak Malala Malalai Malek Małgorzata
Malik Malika Mamadou Manal Manana Mandy Manfred Manish Manoj Mansour Manuel Manuela Marcel
Marcin Marco Marek Margarita Maria María Mariam Mariama Mariana Maribel Maricel Marie Mariia
Marija Marilou Mario Marion Marius Mariusz Marjan Marjorie Marko Markus Marlon Martin Martín
Martina Marwa Marwan Maryam Marzia Masoud Mateo Mateusz Matheus Matthias Max Maxim Mazen
Mebrahtu Meena Mehari Mehdi Mehmed Mehmet Mehrdad Mei Meiling Mekdes Melanie Melek Merab Merhawi
Merita Meron Mert Merve Meryem Mesut Metin Mia Michael Michail Michał Miguel Mihaela Mihai
Mihail Mihret Mike Mikhail Mikheil Milad Milana Milena Milica Miloš Mimoza Mina Ming Minh Mira
Mircea Mirela Mirjana Miroslav Mirsad Mirwais Mladen Modou Mohamad Mohamed Mohammad Mohammed
Mohamud Mohannad Mohsen Mojtaba Momodou Mona Monica Monika Morteza Mounir Moussa Mozhgan Mubarak
Muhamed Muhammad Muhammed Muhammet Muhannad Mujtaba Mukhtar Mulugeta Muna Munir Murad Murat
Mursal Murtaza Musa Mussie Mustafa Mykhailo Mykola Nabil Nabila Nader Nadezhda Nadia Nadiia
Nadim Nadine Nadiya Nadja Nahid Nahom Naim Naima Najib Najibullah Najla Najwa Nam Nana Nardos
Narek Narges Nargis Narin Narine Naser Nasim Nasir Nasra Nasrin Nasrullah Natalia Nataliia
Natalja Natalya Nataša Natascha Natia Natnael Naveed Naveen Navid Nawal Nawid Nazanin Nazar
Ndeye Nechirvan Neda Nedim Negar Negin Neha Nemanja Nenad Nermin Nesrin Nestor Nga Ngoc Ngozi
Nhung Nicolae Nicolás Nicole Nicoleta Nika Nikhil Nikita Nikola Nikolai Nikolaj Nikolay Nikolina
Nilofar Niloofar Nils Nima Nimco Nina Nino Nisa Nisha Nizar Nkechi Nnamdi Nneka Noel Noor Nora
Norbert Nour Noura Nurcan Oana Obaida Obinna Oğuz Oksana Olaf Oleg Oleh Oleksandr Oleksandra
Oleksii Oleksiy Olena Olesea Olexandr Olga Olha Oliver Oluwaseun Omar Omer Ömer Omid Onur Orhan
Osagie Osama Osas Osman Otar Othman Oumar Oumou Ousmane Ovidiu Oxana Özge Özgür Özlem Pablo
Paola Parisa Parsa Parvin Parviz Parwana Pascal Patrice Patricia Patrick Patrycja Patryk Paul
Paula Paulina Paulo Pavel Pavlo Paweł Pedro Peggy Petar Peter Petra Petrit Petro Petru Petya
Philipp Phong Phuong Pierre Piotr Pınar Plamen Polina Pooja Pradeep Predrag Priya Przemysław
Qasim Qendresa Qiang Quan Quang Quynh Rabia Rachid Radu Raed Rafael Rafał Raghad Rahaf Rahel
Rahim Rahima Rahma Rahman Rahmatullah Rahul Rainer Raisa Raj Rajesh Ralf Ralitsa Raluca Ramazan
Ramesh Rami Ramin Ramona Ramzi Rana Rania Raquel Rasha Rashid Rasul Raúl Ravi Rawan Rawand Razan
Razia Răzvan Reber Rebwar Recep Reem Regina Reinhard Renata Renate René Reynaldo Reza Ricardo
Rida Rima Rina Rita Riya Riyad Rizgar Robel Robert Roberto Rodica Rodrigo Rogelio Rohan Rojda
Rojhat Rojin Rolando Romeo Ronahi Ronny Rosalie Rositsa Rostyslav Rowena Roxana Roya Ruben
Rüdiger Ruhullah Rumen Ruqaya Ruslan Ruslana Rusudan Ružica Ryan Saad Saba Sabah Sabina Sabine
Sabrina Sadia Saeed Safiya Sagal Sahar Sahil Şahin Sahra Said Saima Sajid Sajjad Sakina Salah
Saleh Salem Salim Salma Salman Salome Samar Samer Sami Samir Samira Samiullah Samuel Samvel Sana
Sandra Sandrine Sandro Sanja Sanjay Santiago Sara Sarah Sargis Sascha Sawsan Sebastian Sebastián
Seda Segun Sekou Selam Selamawit Selim Selin Selma Sema Semere Semhar Senad Senait Sepideh
Serdar Serge Sergei Sergej Sergey Serghei Sergio Sergiu Serhat Serhii Serhiy Şerife Serkan Sevgi
Seydou Shabnam Shadi Shafiq Shahad Shahid Shahin Shahram Sharif Shazia Sherko Sherwan Shilan
Shireen Shoaib Shoresh Shota Shpresa Shreya Shukri Shukria Shwan Sibel Sidra Silke Silvia Silvio
Sima Simin Simon Simona Simone Simran Sina Sinan Sinem Sipan Slavica Slobodan Sneha Snežana
Sofia Sofía Sofiia Sohail Solomon Somayeh Songül Sonja Sophie Sopio Soran Soraya Sorin
Souleymane Srđan Srinivas Stanislav Stefan Ștefan Stefanie Steffen Stepan Stephan Stephanie
Stephen Stoyan Suhail Sulaiman Suleiman Süleyman Sumaya Sunil Sunita Suren Suresh Susanna
Susanne Sven Svetlana Svitlana Swetlana Sylvia Sylwia Szymon Tadesse Taha Tahereh Tahir Tahmina
Tala Tam Tamar Tamara Tamer Tamim Taner Tanja Taras Tarek Tarik Tariq Tarık Tasneem Tasnim
Tatevik Tatiana Tatjana Tatyana Tedros Tekle Temesgen Temitope Teodora Teresa Tesfalem Tesfaye
Tetiana Tetjana Tewelde Tewodros Thanh Thao Thierno Thierry Thomas Thorsten Thu Thuy Tianyu Tien
Tigist Tigran Tijana Tim Timo Timur Tina Tinatin Tingting Tirhas Tobias Todor Tolga Tom Tomasz
Tomislav Tornike Torsten Trang Trung Tsegay Tsvetelina Tuan Tudor Tuğba Tunde Tung Ubah Uchenna
Udo Uğur Ulrich Ulrike Ulyana Umar Ümit Umut Ursula Usman Uta Ute Uwe Uzma Vadim Vadym Vahe
Vahid Vakhtang Valbona Valentina Valentyna Valeria Valerii Valeriy Valmir Valon Vardan Vasil
Vasile Vasyl Veaceslav Vera Veronica Verónica Veronika Vesna Victor Víctor Victoria Viet Vijay
Vikram Viktor Viktoria Viktoriia Vinh Viorel Viorica Vira Vitalie Vitalii Vitaliy Vivek Vjosa
Vlad Vladimir Vladyslav Volkan Volker Volodymyr Wael Wafa Waleed Walid Walter Warsame Waseem
Wassim Wei Weiwei Werner Weronika Winta Wladimir Wladislaw Wojciech Wolfgang Wolodymyr Xenia
Xiaoming Xiaowei Xiaoyan Xin Xinyi Yahya Yalda Yan Yana Yannick Yara Yared Yaroslav Yaşar
Yasemin Yaser Yasin Yasir Yasmin Yasmine Yasser Yassin Yaw Yazan Yehor Yelena Yelyzaveta Yemane
Yetunde Yevgeny Yevhen Yichen Yifan Yiğit Ying Yıldız Yodit Yohannes Yonas Yong Yordan Yordanka
Yordanos Younes Yousef Youssef Youssouf Yuhan Yulia Yuliia Yun Yunus Yuri Yurii Yuriy Yusra
Yusuf Yuxin Yvonne Zabihullah Zafer Zahra Zaid Zainab Zakaria Zana Zarmina Zaza Zeeshan Zehra
Zeina Zeinab Zeki Zelal Željko Zeynep Zhanna Zhiwei Ziad Ziaullah Zihan Zinaida Zixuan Zlata
Zlatko Zoe Zoë Zofia Zoran Zozan Zurab Zvonimir`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(FIRST_NAME_LIST.split(/\s+/).filter(Boolean));
